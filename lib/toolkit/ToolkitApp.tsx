import { ToolkitBar } from '../../components/ToolkitBar';
import { useSummary } from './summary';

/** The container of the toolkit bar: background data in, the presentational bar out. */
export function ToolkitApp({ pageUrl, signInUrl }: { pageUrl: string; signInUrl: string }) {
  const { state, retry } = useSummary(pageUrl);
  return <ToolkitBar state={state} signInUrl={signInUrl} onRetry={retry} />;
}
