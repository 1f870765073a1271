// isomorphic-git uses Node's Buffer; in the page it is the npm package buffer.
export { Buffer } from 'buffer';
