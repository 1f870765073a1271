// The peers of the browser benchmark, as one script: window.peers = {git, http, LightningFS, PouchDB}.
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import LightningFS from '@isomorphic-git/lightning-fs';
import PouchDB from 'pouchdb-browser';

window.peers = { git, http, LightningFS, PouchDB };
// isomorphic-git uses Node's Buffer; in the page it is the npm package buffer.
export { Buffer } from 'buffer';
