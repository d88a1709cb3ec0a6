import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { createApi } from './api/client.ts';
import './styles/admin.css';

const root = document.getElementById('root');
if (root) render(() => <App api={createApi()} />, root);
