import { Router } from 'express';
import { exec, execFile } from 'node:child_process';
import path from 'node:path';
import { requireRole } from '../middleware/auth';
import { User } from '../models/user';
import { config } from '../config';

// Mounted in app.ts behind requireAuth at /api/admin.
const router = Router();

router.post('/backups', requireRole('admin'), (req, res) => {
  const label = req.body.label;
  // ruleid: api-security/no-command-injection
  exec(`pg_dump --file=/backups/${label}.sql shop`, (error, stdout) => {
    if (error) return res.status(500).json({ error: 'backup failed' });
    return res.json({ output: stdout });
  });
});

router.post('/thumbnails', requireRole('admin', 'staff'), (req, res) => {
  // Arguments as an array, no shell.
  // ok: api-security/no-command-injection
  execFile('convert', [String(req.body.source), '-resize', '200x200', '/tmp/thumb.png'], (error) => {
    res.status(error ? 500 : 204).end();
  });
});

// Authenticated by the mount in app.ts, but any customer may list every user with their hashes.
// require-role-check finds the mount in app.ts and reports the missing role check on /api/admin/users.
// ruleid: api-security/require-role-check
router.get('/users', async (req, res) => {
  const users = await User.find().lean();
  // ruleid: api-security/no-whole-object-response
  res.json(users);
});

router.get('/exports/:name', requireRole('admin'), (req, res) => {
  // ruleid: api-security/no-path-traversal
  res.sendFile(path.join(config.uploadsDir, 'exports', req.params.name));
});

router.post('/webhooks/test', requireRole('admin'), async (req, res) => {
  // ruleid: api-security/no-ssrf
  const response = await fetch(req.body.url, { method: 'POST', body: '{}' });
  res.json({ status: response.status });
});

export default router;
