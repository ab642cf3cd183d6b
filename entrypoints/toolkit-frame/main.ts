import '@/lib/zod-setup';
import '@/components/toolkit.css';
import { startToolkitFrame } from '@/lib/toolkit/frame';

startToolkitFrame(document.getElementById('root'));
