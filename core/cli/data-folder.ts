// The platform's usual folder for an application's data, where `bt daemon`
// keeps its state unless --state or the .btrc's daemon.stateDir says
// otherwise: $XDG_DATA_HOME (else ~/.local/share) on Linux and the BSDs,
// ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function platformDataFolder(app: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), app);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', app);
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.local', 'share'), app);
}
