import { Router } from 'express';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { User } from '../models/user';
import { requireAuth } from '../middleware/auth';
import { config } from '../config';

// Mounted in app.ts at /api/users without authentication: each route brings its own.
const router = Router();

// Sign-up and sign-in are public by design.
// ok: api-security/no-unauthenticated-route
router.post('/register', async (req, res) => {
  const { email, name, password } = req.body;
  const passwordHash = await bcrypt.hash(String(password), 12);
  // Only the fields a customer may set are copied.
  // ok: api-security/no-mass-assignment
  const user = await User.create({ email: String(email), name: String(name), passwordHash });
  res.status(201).json({ id: user.id, email: user.email, name: user.name });
});

// ok: api-security/no-unauthenticated-route
router.post('/login', async (req, res) => {
  // The Mongo filter gets a string, never an object such as {"$ne": null}.
  // ok: api-security/no-nosql-injection
  const user = await User.findOne({ email: String(req.body.email) });
  if (!user || !(await bcrypt.compare(String(req.body.password), user.passwordHash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  // ok: api-security/no-hardcoded-secrets
  const token = jwt.sign({ sub: user.id, role: user.role }, config.jwtSecret, { expiresIn: '1h' });
  return res.json({ token });
});

// Password reset lookup by token: the body value goes straight into the filter.
// `{ "token": { "$ne": null } }` matches the first user with any reset token.
router.post('/reset-password', async (req, res) => {
  // ruleid: api-security/no-nosql-injection
  const user = await User.findOne({ resetToken: req.body.token });
  if (!user) return res.status(400).json({ error: 'invalid token' });
  user.passwordHash = await bcrypt.hash(String(req.body.password), 12);
  await user.save();
  return res.sendStatus(204);
});

// The router is mounted in app.ts with no authentication in front of it, so this is public.
// The rule finds the mount in app.ts and reports the route with it.
// ruleid: api-security/no-unauthenticated-route
router.get('/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) return res.sendStatus(404);
  // The document still holds passwordHash and resetToken.
  // ruleid: api-security/no-whole-object-response
  return res.json(user);
});

router.get('/me/profile', requireAuth, async (req, res) => {
  const user = await User.findById(req.user.sub).select('email name role');
  // ok: api-security/no-whole-object-response
  res.json({ id: user?.id, email: user?.email, name: user?.name, role: user?.role });
});

// Whole body copied onto the document: a customer can send {"role": "admin"}.
router.patch('/me', requireAuth, async (req, res) => {
  // ruleid: api-security/no-mass-assignment
  const user = await User.findByIdAndUpdate(req.user.sub, req.body, { new: true });
  res.json({ id: user?.id, email: user?.email, name: user?.name });
});

// Invite flow used by the support team.
router.post('/invite', requireAuth, async (req, res) => {
  // ruleid: api-security/no-mass-assignment
  const user = await User.create(req.body);
  res.status(201).json({ id: user.id });
});

export default router;
