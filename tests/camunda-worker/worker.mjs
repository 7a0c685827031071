// A Camunda 7 external task worker as Camunda users write it, unchanged but for the Bearer interceptor: it subscribes to
// a topic, completes one task with typed variables, and exits. Arguments: <engine-rest base URL> <token> <topic>.
import { Client, Variables, logger } from 'camunda-external-task-client-js';

const [baseUrl, token, topic] = process.argv.slice(2);
const bearer = config => ({ ...config, headers: { ...config.headers, Authorization: `Bearer ${token}` } });
const client = new Client({ baseUrl, interceptors: bearer, use: logger, asyncResponseTimeout: 5000, workerId: 'node-worker' });

const timer = setTimeout(() => {
  console.error('no task within 60 s');
  process.exit(2);
}, 60000);

client.subscribe(topic, async ({ task, taskService }) => {
  const behoerde = task.variables.get('behoerde');
  const result = new Variables().setAll({ quittung: `XMELD-OK ${behoerde}`, geprueft: true });
  await taskService.complete(task, result);
  console.log(`completed ${task.id} for ${behoerde}`);
  clearTimeout(timer);
  client.stop();
  process.exit(0);
});
