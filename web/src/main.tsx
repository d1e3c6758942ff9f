import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionGate } from './auth/session';
import { AppRoutes } from './routes';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <SessionGate>
      <AppRoutes />
    </SessionGate>
  </StrictMode>,
);
