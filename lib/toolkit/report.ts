export { reportFailure } from '../report';
