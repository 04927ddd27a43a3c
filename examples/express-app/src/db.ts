import { Pool } from 'pg';
import mongoose from 'mongoose';
import { config } from './config';

/** Shared Postgres pool for the orders and reporting modules. */
export const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });

export async function connectMongo(): Promise<void> {
  await mongoose.connect(config.mongoUrl);
}
