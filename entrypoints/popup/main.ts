import '../../lib/zod-setup';
import '../../components/popup/popup.css';
import { startPopup } from '../../components/popup/popup';

startPopup(document.getElementById('root'));
