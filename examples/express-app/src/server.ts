import { app } from './app';
import { config } from './config';
import { connectMongo } from './db';

await connectMongo();

app.listen(config.port, () => {
  console.log(`shop api listening on :${config.port}`);
});
