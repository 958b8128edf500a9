import { render } from 'preact';
import { initApi, resumeSession } from './api/api';
import { App } from './app';
import { loadRuntimeConfig } from './config';
import './styles.css';

const config = await loadRuntimeConfig();
initApi(config.apiUrl);
await resumeSession();
render(<App />, document.getElementById('app')!);
