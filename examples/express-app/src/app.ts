import express from 'express';
import helmet from 'helmet';
import { requireAuth, requireRole } from './middleware/auth';
import usersRouter from './routes/users';
import ordersRouter from './routes/orders';
import adminRouter from './routes/admin';
import { pool } from './db';

export const app = express();

app.use(helmet());
app.use(express.json({ limit: '1mb' }));

// ok: api-security/no-unauthenticated-route
app.get('/health', (req, res) => res.json({ status: 'ok' }));

// Left in after a production incident: dumps configuration to anyone.
// ruleid: api-security/no-unauthenticated-route
app.get('/api/debug/env', (req, res) => {
  res.json({ node: process.version, env: process.env });
});

// ok: api-security/no-unauthenticated-route
app.get('/api/me', requireAuth, (req, res) => {
  res.json({ id: req.user.sub, role: req.user.role });
});

// Signs the user out and sends them back where they came from.
app.get('/logout', (req, res) => {
  res.clearCookie('session');
  // ruleid: api-security/no-open-redirect
  res.redirect(String(req.query.returnTo));
});

// Search page rendered on the server.
// ok: api-security/no-unauthenticated-route
app.get('/', (req, res) => {
  // ruleid: api-security/no-reflected-xss
  res.send(`<h1>Results for ${req.query.q}</h1>`);
});

app.use('/api/users', usersRouter);
app.use('/api/orders', ordersRouter);
app.use('/api/admin', requireAuth, adminRouter);

// Authenticated, but nothing checks that the caller is an admin.
// ruleid: api-security/require-role-check
app.delete('/api/admin/cache', requireAuth, async (req, res) => {
  await pool.query('TRUNCATE report_cache');
  res.sendStatus(204);
});

// ok: api-security/no-unauthenticated-route
app.post('/api/admin/reindex', requireAuth, requireRole('admin'), async (req, res) => {
  await pool.query('REFRESH MATERIALIZED VIEW CONCURRENTLY product_search');
  res.sendStatus(202);
});

// Small router defined and mounted here: the rule sees both.
const reports = express.Router();
// ruleid: api-security/no-unauthenticated-route
reports.get('/daily', async (req, res) => {
  const { rows } = await pool.query('SELECT day, revenue FROM daily_revenue ORDER BY day DESC LIMIT 30');
  res.json(rows);
});
app.use('/api/reports', reports);

const partnerReports = express.Router();
// ok: api-security/no-unauthenticated-route
partnerReports.get('/weekly', async (req, res) => {
  const { rows } = await pool.query('SELECT week, revenue FROM weekly_revenue WHERE partner_id = $1', [req.user.sub]);
  res.json(rows);
});
app.use('/api/partner-reports', requireAuth, partnerReports);

// Pricing rules are evaluated from an expression the client sends.
app.post('/api/pricing/preview', requireAuth, (req, res) => {
  // ruleid: api-security/no-code-injection
  const price = eval(req.body.formula);
  res.json({ price });
});
