/** Entry of the relay console (built by `vite build --mode console`, served at /console). */
import { render } from 'preact';
import { App } from './components/App.js';
import { createConsole } from './state/console.js';
import './styles.css';

const controller = createConsole();
const root = document.getElementById('app');
if (root) {
  render(<App controller={controller} />, root);
  void controller.boot();
}
