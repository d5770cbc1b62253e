import { render } from 'preact';
import { App } from './app';
import { boot } from './lib/session';
import './styles.css';

const root = document.getElementById('app')!;
boot()
  .catch(() => undefined)
  .finally(() => render(<App />, root));
