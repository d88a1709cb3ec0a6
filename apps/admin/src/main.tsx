// The base stylesheet first: the pages' own stylesheets (imported by App) come after it in
// the bundle, so where they restyle a base rule they win rather than lose.
import './styles/admin.css';
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { createApi } from './api/client.ts';

const root = document.getElementById('root');
if (root) render(() => <App api={createApi()} />, root);
