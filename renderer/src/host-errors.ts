import type { i18n } from 'i18next';
import type { ApiError, HostErrorReason } from '../../core/api/methods.js';

/**
 * The host's failures in the UI's language. The host words every failure in English (logs, the
 * CLI) and names the ones the UI can say itself by a reason with parameters (ApiErrorBody); in
 * Chinese those are said from HOST_ERROR_ZH below, in English the host's own sentence is
 * kept (it says more: the field, the offset). A failure without a reason stays as the host put it.
 */

let ui: i18n | null = null;

/** The i18next instance whose language the messages follow (set once by initI18n). */
export function setHostErrorLanguage(instance: i18n): void {
  ui = instance;
}

/** The message of a failed call in the UI's language, or null to show the host's own. */
export function hostErrorText(err: ApiError): string | null {
  if (!ui || !err.reason || !ui.language?.startsWith('zh')) return null;
  const params: Record<string, string | number> = { ...err.params };
  if ('holder' in params && !params.holder) params.holder = HOST_ERROR_ZH.someone;
  return HOST_ERROR_ZH[err.reason].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Chinese for every reason; `{{name}}` takes the parameter of that name. */
export const HOST_ERROR_ZH: Record<HostErrorReason, string> & { someone: string } = {
  someone: '其他程序',
  'issue.not-found': '找不到期刊文件“{{file}}”。',
  'issue.unreadable': '无法读取“{{file}}”。（详情：{{detail}}）',
  'issue.too-large': '无法打开“{{file}}”：文件过大，不是 Broadsheet 期刊文件。',
  'issue.empty': '无法打开“{{file}}”：文件是空的，多半是写入时机器崩溃所致。',
  'issue.not-text': '无法打开“{{file}}”：文件不是 UTF-8 文本，已损坏或不是期刊文件。（详情：{{detail}}）',
  'issue.not-json': '无法打开“{{file}}”：文件已损坏或不是期刊文件。（详情：{{detail}}）',
  'issue.truncated': '无法打开“{{file}}”：文件不完整，多半是复制或保存时被截断。（详情：{{detail}}）',
  'issue.wrong-format': '无法打开“{{file}}”：这不是 Broadsheet 期刊文件；打包的期刊请先解压，再打开其中的 .broadsheet 文件。',
  'issue.newer-version': '无法打开“{{file}}”：它由更新版本的 Broadsheet 保存，请升级后再打开。',
  'issue.invalid': '“{{file}}”的内容不符合期刊格式，文件未改动。（详情：{{detail}}）',
  'issue.locked': '“{{file}}”正由{{holder}}打开，可以只读打开。',
  'issue.locked-save': '“{{file}}”正由{{holder}}打开：保存会覆盖对方的工作，请用“另存为”保存副本。文件未改动。',
  'issue.disk-full': '磁盘已满，“{{file}}”未能写入；原有文件未改动。',
  'issue.write-failed': '无法写入“{{file}}”，原有文件未改动。（详情：{{detail}}）',
  'folder.not-found': '找不到文件夹“{{folder}}”。',
  'folder.outside': '“{{folder}}”不在您的文件夹范围内：浏览器里只能打开这些文件夹中的期刊。',
  'folder.not-a-folder': '“{{folder}}”不是文件夹。',
  'edit.taken-over': '另一个标签页接管了“{{file}}”，本页的修改没有写入：可在本页收回编辑权，或用“另存为”保存。',
  'edit.open-elsewhere': '“{{file}}”正由{{holder}}打开，本页的修改没有写入：请用“另存为”保存。',
  'upload.too-large': '“{{name}}”大小为 {{size}}，超过上传上限 {{limit}}，未接收。',
  'upload.busy': '本页还有一个文件正在上传，“{{name}}”未发送；请待其完成后重试。',
  'upload.full': '“{{name}}”未接收：已有 {{waiting}} 的上传在等待置入（上限 {{max}}）；请几分钟后再试。',
  'upload.timeout': '“{{name}}”上传超过 {{seconds}} 秒，未保存任何内容。',
  'upload.unreachable': '“{{name}}”未能发送到 Broadsheet 主机；`broadsheet serve` 还在运行吗？',
  'file.not-found': '找不到文件“{{file}}”。',
  'host.unreachable': 'Broadsheet 主机没有响应；`broadsheet serve` 还在运行吗？',
  'host.bad-answer': 'Broadsheet 主机的应答无法读取（HTTP {{status}}）。',
};
