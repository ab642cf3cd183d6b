import '@/lib/zod-setup';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/lib/options/OptionsApp';
import '@/components/options/options.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<OptionsApp />);
