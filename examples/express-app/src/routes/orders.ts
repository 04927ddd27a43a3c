import { Router } from 'express';
import { Pool } from 'pg';
import { requireAuth } from '../middleware/auth';
import { pool as sharedPool } from '../db';

// Reporting queries run on the read replica.
const replica = new Pool({ connectionString: process.env.REPLICA_URL });
const router = Router();

router.use(requireAuth);

const SORTABLE = new Set(['created_at', 'total', 'status']);

router.get('/', async (req, res) => {
  const status = req.query.status;
  // ruleid: api-security/no-sql-injection
  const { rows } = await replica.query(`SELECT id, total, status FROM orders WHERE customer_id = '${req.user.sub}' AND status = '${status}'`);
  res.json(rows);
});

router.get('/search', async (req, res) => {
  const sort = SORTABLE.has(String(req.query.sort)) ? String(req.query.sort) : 'created_at';
  const limit = Math.min(Number(req.query.limit) || 20, 100);
  // Values bound as parameters; the column name comes from an allow-list.
  // ok: api-security/no-sql-injection
  const { rows } = await replica.query(`SELECT id, total FROM orders WHERE customer_id = $1 AND note ILIKE $2 ORDER BY ${sort} LIMIT ${limit}`, [req.user.sub, `%${req.query.q}%`]);
  res.json(rows);
});

router.get('/by-sku', async (req, res) => {
  const sql = 'SELECT o.id FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.sku = ' + req.query.sku;
  // ruleid: api-security/no-sql-injection
  const { rows } = await replica.query(sql);
  res.json(rows);
});

router.delete('/:id', async (req, res) => {
  // The pool comes from db.ts: the project model follows the import to `new Pool()`.
  // ruleid: api-security/no-sql-injection
  await sharedPool.query(`DELETE FROM orders WHERE id = ${req.params.id} AND customer_id = '${req.user.sub}'`);
  res.sendStatus(204);
});

export default router;
