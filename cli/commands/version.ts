import type { Command } from '../command.js';

const command: Command = {
  name: 'version',
  summary: 'Print the version.',
  usage: 'Usage: broadsheet version',
  async run() {
    process.stdout.write('broadsheet 0.1.0\n');
    return 0;
  },
};
export default command;
