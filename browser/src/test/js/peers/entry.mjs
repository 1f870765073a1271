// The peers of the browser benchmark, as one script: window.peers = {git, LightningFS, PouchDB}.
import git from 'isomorphic-git';
import LightningFS from '@isomorphic-git/lightning-fs';
import PouchDB from 'pouchdb-browser';

window.peers = { git, LightningFS, PouchDB };
