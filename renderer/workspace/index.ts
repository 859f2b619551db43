/** The page editor's workspace: the app shell mounts `Workspace` on an opened issue. */
export { Workspace, type WorkspaceProps, PX_PER_PT } from './Workspace.js';
export { IssueSession } from './model/session.js';
export { workspaceResources, registerWorkspaceResources, NS as WORKSPACE_NS } from './i18n.js';
