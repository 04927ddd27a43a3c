import 'dotenv/config';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: required('DATABASE_URL'),
  mongoUrl: required('MONGO_URL'),
  // ok: api-security/no-hardcoded-secrets
  jwtSecret: required('JWT_SECRET'),
  uploadsDir: process.env.UPLOADS_DIR ?? '/var/app/uploads',
  // Publishable keys are meant for the browser.
  // ok: api-security/no-hardcoded-secrets
  stripePublishableKey: 'pk_live_51NbQ3rGz8XkV2mTq7LwYc4Hd9Pe6Sj0Ua1Rf',
};

// Left over from a spike; the billing module should read STRIPE_SECRET_KEY instead.
// ruleid: api-security/no-hardcoded-secrets
export const STRIPE_SECRET_KEY = 'sk_live_51NbQ3rGz8XkV2mTq7LwYc4Hd9Pe6Sj0Ua1RfT5n';
