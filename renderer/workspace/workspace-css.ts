import { installStyleSheet } from '../editor/editor-css.js';

/**
 * The workspace's style sheet, installed once per document (like the story editor's), so the
 * workspace looks the same under the app's Vite build and under the test harness's bundle.
 * Quiet greys around a white page, one accent blue for selection, red only for overset.
 */

const CSS = `
.bs-ws { position: absolute; inset: 0; display: grid; grid-template-columns: 188px minmax(0, 1fr) 330px; grid-template-rows: auto minmax(0, 1fr) 24px;
  font: 12px/1.4 system-ui, "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; background: #e9e9e6; }
.bs-ws button, .bs-ws select, .bs-ws input, .bs-ws textarea { font: inherit; }
.bs-ws button { border: 1px solid #b9b9b4; background: #fbfbfa; border-radius: 3px; padding: 2px 8px; cursor: pointer; color: #222; }
.bs-ws button:hover:not(:disabled) { background: #fff; border-color: #8e8e88; }
.bs-ws button:disabled { color: #9a9a95; cursor: default; }
.bs-ws button.is-on { background: #dce8f8; border-color: #5b8fd3; }
.bs-ws .bs-ws-primary { background: #1e6fd9; border-color: #1a5fba; color: #fff; }
.bs-ws .bs-ws-primary:hover:not(:disabled) { background: #2a7be6; }
.bs-ws .bs-ws-danger { color: #b3261e; }
.bs-ws-toolbar { grid-column: 1 / -1; display: flex; align-items: center; gap: 6px; padding: 5px 8px; background: #f6f6f4; border-bottom: 1px solid #cfcfca; flex-wrap: wrap; }
.bs-ws-find { position: absolute; top: 44px; left: 50%; transform: translateX(-50%); z-index: 15; display: flex; align-items: center; gap: 6px; padding: 6px 8px;
  background: #fbfbfa; border: 1px solid #b9b9b4; border-radius: 4px; box-shadow: 0 4px 14px rgb(0 0 0 / 0.2); }
.bs-ws-find input[type=search], .bs-ws-find input[type=text] { width: 140px; border: 1px solid #c4c4bf; border-radius: 3px; padding: 2px 4px; }
.bs-ws-find-count { min-width: 110px; color: #55554f; font-size: 11px; }
.bs-ws-sep { width: 1px; align-self: stretch; background: #d4d4cf; margin: 0 4px; }
.bs-ws-grow { flex: 1; }
.bs-ws-seg { display: inline-flex; }
.bs-ws-seg > button { border-radius: 0; margin-left: -1px; }
.bs-ws-seg > button:first-child { border-radius: 3px 0 0 3px; margin-left: 0; }
.bs-ws-seg > button:last-child { border-radius: 0 3px 3px 0; }
.bs-ws-check { display: inline-flex; align-items: center; gap: 3px; white-space: nowrap; }
.bs-ws-panel { background: #f6f6f4; overflow: auto; min-height: 0; }
.bs-ws-panel-head { display: flex; align-items: center; justify-content: space-between; gap: 6px; padding: 6px 8px 4px; position: sticky; top: 0; background: #f6f6f4; z-index: 1; }
.bs-ws-panel h2 { font-size: 12px; font-weight: 600; margin: 0; }
.bs-ws-pages { grid-column: 1; grid-row: 2; border-right: 1px solid #cfcfca; }
.bs-ws-page-actions { display: flex; flex-wrap: wrap; gap: 3px; padding: 0 8px 6px; }
.bs-ws-page-actions button { padding: 1px 6px; }
.bs-ws-field { display: flex; flex-direction: column; gap: 1px; padding: 2px 8px; }
.bs-ws-field > span { color: #66665f; font-size: 11px; }
.bs-ws-field input, .bs-ws-field select, .bs-ws-field textarea { border: 1px solid #c4c4bf; border-radius: 3px; padding: 2px 4px; background: #fff; min-width: 0; width: 100%; box-sizing: border-box; }
.bs-ws-thumbs { list-style: none; margin: 0; padding: 6px 8px 16px; display: flex; flex-direction: column; gap: 10px; }
.bs-ws-thumb-row { display: flex; justify-content: center; }
.bs-ws-thumb-row.is-spread { justify-content: flex-start; }
.bs-ws-thumb-row.is-spread.is-right { justify-content: flex-end; }
.bs-ws-thumb-row.is-spread .bs-ws-thumb svg { width: 74px; height: auto; }
.bs-ws-thumb { display: flex; flex-direction: column; align-items: center; gap: 3px; border: 2px solid transparent !important; background: none !important; padding: 2px !important; }
.bs-ws-thumb svg { display: block; box-shadow: 0 0 0 1px #b8b8b2, 0 1px 3px rgb(0 0 0 / 0.2); background: #fff; width: 92px; height: auto; }
.bs-ws-thumb-blank { display: block; width: 92px; background: #fff; box-shadow: 0 0 0 1px #b8b8b2; }
.bs-ws-thumb.is-current svg { box-shadow: 0 0 0 2px #1e6fd9; }
.bs-ws-thumb.is-drop { border-top-color: #1e6fd9 !important; }
.bs-ws-thumb-caption { display: flex; align-items: center; gap: 4px; font-size: 11px; }
.bs-ws-status { width: 8px; height: 8px; border-radius: 50%; display: inline-block; }
.bs-ws-status-fits { background: #3b9b4a; }
.bs-ws-status-warnings { background: #e3a21a; }
.bs-ws-status-overset { background: #d7261e; }
.bs-ws-center { grid-column: 2; grid-row: 2; position: relative; min-width: 0; min-height: 0; }
.bs-ws-canvas-wrap { position: absolute; inset: 0; }
.bs-ws-ruler { position: absolute; display: block; }
.bs-ws-ruler-top { left: var(--bs-ruler); top: 0; right: 0; border-bottom: 1px solid #b9b9b4; }
.bs-ws-ruler-left { left: 0; top: var(--bs-ruler); border-right: 1px solid #b9b9b4; }
.bs-ws .bs-ws-ruler-corner { position: absolute; left: 0; top: 0; width: var(--bs-ruler); height: var(--bs-ruler); padding: 0; border-radius: 0; font-size: 9px; border: 0; border-right: 1px solid #b9b9b4; border-bottom: 1px solid #b9b9b4; background: #ecece8; }
.bs-ws-viewport { position: absolute; left: var(--bs-ruler); top: var(--bs-ruler); right: 0; bottom: 0; overflow: auto; background: #8e8e8a; outline: none; }
.bs-ws-stack { position: relative; }
.bs-ws-page { position: absolute; box-shadow: 0 1px 4px rgb(0 0 0 / 0.35); background: #fff; touch-action: none; contain: layout style; }
.bs-ws-page > svg { display: block; width: 100%; height: 100%; }
.bs-ws-page-blank { width: 100%; height: 100%; background: #fff; }
.bs-ws-guides.no-columns .bs-grid > rect:not(:first-child) { display: none; }
.bs-ws-guides.no-baselines .bs-grid > line { display: none; }
.bs-ws-frames { position: absolute; inset: 0; }
.bs-ws-frame { position: absolute; box-sizing: border-box; }
.bs-ws-frame-story { outline: 1px dashed rgb(30 111 217 / 0.55); outline-offset: 0; }
.bs-ws-frame-photo { outline: 1px solid rgb(90 90 90 / 0.55); }
.bs-ws-frame-banner, .bs-ws-frame-rule { outline: 1px dotted rgb(120 120 120 / 0.6); }
.bs-ws-frame.no-edge, .bs-ws-frame.is-preview { outline: none; }
.bs-ws-frame.is-preview { pointer-events: none; }
.bs-ws-frame.is-selected { outline: 1px solid #1e6fd9; }
.bs-ws-frame.is-editing { outline: 1px solid rgb(30 111 217 / 0.7); cursor: text; }
.bs-ws-frame.is-link-source { outline: 2px solid #1e6fd9; }
/* Reached by the keyboard (Tab): a ring outside the frame's edge, whatever the edge shows. */
.bs-ws-frame:focus-visible { outline: 2px solid #f29d0c; outline-offset: 2px; }
.bs-ws-handle { position: absolute; width: 7px; height: 7px; background: #fff; border: 1px solid #1e6fd9; box-sizing: border-box; z-index: 3; }
.bs-ws-handle-nw { left: -4px; top: -4px; } .bs-ws-handle-n { left: calc(50% - 4px); top: -4px; } .bs-ws-handle-ne { right: -4px; top: -4px; }
.bs-ws-handle-e { right: -4px; top: calc(50% - 4px); } .bs-ws-handle-se { right: -4px; bottom: -4px; } .bs-ws-handle-s { left: calc(50% - 4px); bottom: -4px; }
.bs-ws-handle-sw { left: -4px; bottom: -4px; } .bs-ws-handle-w { left: -4px; top: calc(50% - 4px); }
.bs-ws-port { position: absolute; width: 7px; height: 7px; box-sizing: border-box; border: 1px solid rgb(30 111 217 / 0.7); background: #fff; pointer-events: none; }
.bs-ws-port-in { left: -3px; top: 6px; }
.bs-ws-port-out { right: -3px; bottom: 6px; pointer-events: auto; cursor: alias; z-index: 3; }
.bs-ws-port-out.is-linked { background: #1e6fd9; }
.bs-ws-empty-photo { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; text-align: center; color: #77776f; font-size: 11px; padding: 4px;
  background: repeating-linear-gradient(45deg, rgb(0 0 0 / 0.03) 0 6px, transparent 6px 12px); }
.bs-ws-frame-flags { position: absolute; right: 2px; top: 2px; display: flex; gap: 2px; z-index: 4; pointer-events: auto; }
.bs-ws-flag { font-size: 10px; line-height: 14px; padding: 0 4px; border-radius: 2px; white-space: nowrap; }
.bs-ws-flag-warning { background: #fff1d6; color: #8a5a00; border: 1px solid #e3a21a; }
.bs-ws-flag-error { background: #fbe1df; color: #b3261e; border: 1px solid #d7261e; }
.bs-ws-pending-photo { position: absolute; inset: 0; background: #ddd center / cover no-repeat; display: flex; align-items: flex-end; justify-content: flex-start; }
.bs-ws-pending-photo > span { background: rgb(0 0 0 / 0.55); color: #fff; font-size: 10px; padding: 1px 4px; }
.bs-ws-overset { position: absolute; display: flex; align-items: center; gap: 3px; z-index: 4; pointer-events: none; }
.bs-ws-overset-plus { width: 14px; height: 14px; line-height: 12px; text-align: center; font-weight: 700; color: #fff; background: #d7261e; border: 1px solid #a01b15; box-sizing: border-box; }
.bs-ws-overset-count { background: #d7261e; color: #fff; font-size: 11px; padding: 0 4px; border-radius: 2px; white-space: nowrap; }
.bs-ws-slot { position: absolute; border: 1px dashed rgb(110 110 105 / 0.55); box-sizing: border-box; pointer-events: none; }
.bs-ws-slot > span { position: absolute; left: 2px; top: 1px; font-size: 10px; color: rgb(90 90 85 / 0.8); background: rgb(255 255 255 / 0.7); padding: 0 2px; }
/* Ruler guides (参考线): cyan hairlines over the page, grabbed by a 7 px strip; magenta where a dragged frame's edge sits on one. */
.bs-ws-rguides { position: absolute; inset: 0; pointer-events: none; }
.bs-ws-rguide { position: absolute; z-index: 2; pointer-events: auto; }
.bs-ws-rguide.is-x { cursor: col-resize; }
.bs-ws-rguide.is-y { cursor: row-resize; }
.bs-ws-rguide::after { content: ''; position: absolute; background: #00b8d9; }
.bs-ws-rguide.is-x::after { left: 3px; top: 0; bottom: 0; width: 1px; }
.bs-ws-rguide.is-y::after { top: 3px; left: 0; right: 0; height: 1px; }
.bs-ws-rguides.is-locked .bs-ws-rguide, .bs-ws-rguide.is-live, .bs-ws-rguide.is-removing { pointer-events: none; }
.bs-ws-rguide.is-selected::after { background: #0b63c4; }
.bs-ws-rguide.is-snapped::after { background: #e5258c; }
.bs-ws-rguide.is-x.is-snapped::after, .bs-ws-rguide.is-x.is-selected::after { left: 2.5px; width: 2px; }
.bs-ws-rguide.is-y.is-snapped::after, .bs-ws-rguide.is-y.is-selected::after { top: 2.5px; height: 2px; }
.bs-ws-rguide.is-removing { opacity: 0.45; }
.bs-ws-rguide-label { position: absolute; z-index: 7; font-size: 11px; line-height: 16px; padding: 0 5px; border-radius: 2px; background: #0092b3; color: #fff; white-space: nowrap; pointer-events: none; }
.bs-ws-rguide.is-x .bs-ws-rguide-label { left: 8px; }
.bs-ws-rguide.is-y .bs-ws-rguide-label { top: 8px; }
.bs-ws-rguide.is-removing .bs-ws-rguide-label { background: #6b6b66; }
.bs-ws-ghost { position: absolute; border: 2px dashed #1e6fd9; background: rgb(30 111 217 / 0.08); box-sizing: border-box; pointer-events: none; z-index: 6; }
.bs-ws-threads { position: absolute; left: 0; top: 0; pointer-events: none; z-index: 4; overflow: visible; }
.bs-ws-threads path { fill: none; stroke: #1e6fd9; stroke-width: 1.5; stroke-dasharray: 5 3; }
.bs-ws-editor-host { position: absolute; left: 0; top: 0; width: 0; height: 0; z-index: 5; will-change: transform; }
.bs-ws-side { grid-column: 3; grid-row: 2; display: grid; grid-template-rows: minmax(0, 1.2fr) minmax(0, 1fr); border-left: 1px solid #cfcfca; min-height: 0; }
.bs-ws-inspector { border-bottom: 1px solid #cfcfca; }
.bs-ws-group { border: 0; border-top: 1px solid #dcdcd7; margin: 0; padding: 4px 0 8px; }
.bs-ws-group > legend { font-weight: 600; padding: 4px 8px 0; }
.bs-ws-grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
.bs-ws-group > .bs-ws-check, .bs-ws-group > button, .bs-ws-group > .bs-ws-row { margin: 3px 8px; }
.bs-ws-row { display: flex; gap: 4px; flex-wrap: wrap; }
.bs-ws-kv { margin: 2px 8px; }
.bs-ws-kv > span:first-child { color: #66665f; margin-right: 4px; }
.bs-ws-hint { margin: 2px 8px; color: #66665f; font-size: 11px; }
.bs-ws-warn { color: #b3261e; }
.bs-ws-empty { padding: 8px; color: #77776f; }
.bs-ws-story-table { width: 100%; border-collapse: collapse; font-size: 11.5px; }
.bs-ws-story-table th { white-space: nowrap; text-align: left; font-weight: 500; color: #66665f; padding: 2px 4px; border-bottom: 1px solid #dcdcd7; position: sticky; top: 30px; background: #f6f6f4; }
.bs-ws-story-table td { padding: 3px 4px; border-bottom: 1px solid #ebebe7; vertical-align: top; }
.bs-ws-story-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.bs-ws-story-table tr.is-selected td { background: #dce8f8; }
.bs-ws-story-table tr.is-unplaced { cursor: grab; }
.bs-ws-headline { max-width: 96px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bs-ws-fit { display: inline-block; padding: 0 4px; border-radius: 2px; }
.bs-ws-fit-fits { background: #e2f1e4; color: #23692f; }
.bs-ws-fit-short { background: #fff1d6; color: #8a5a00; }
.bs-ws-fit-overset { background: #fbe1df; color: #b3261e; font-weight: 600; }
.bs-ws-fit-unplaced { background: #ececea; color: #66665f; }
.bs-ws-statusbar { grid-column: 1 / -1; display: flex; align-items: center; gap: 16px; padding: 0 10px; background: #f0f0ed; border-top: 1px solid #cfcfca; font-size: 11px; color: #55554f; white-space: nowrap; overflow: hidden; }
.bs-ws-message { color: #b3261e; }
.bs-ws-busy::before { content: ''; display: inline-block; width: 6px; height: 6px; margin-right: 6px; border-radius: 50%; background: #8a8a83; vertical-align: 1px; animation: bs-ws-pulse 0.8s ease-in-out infinite alternate; }
@keyframes bs-ws-pulse { from { opacity: 0.25; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .bs-ws-busy::before { animation: none; } }
.bs-ws-modal { position: fixed; inset: 0; background: rgb(0 0 0 / 0.3); display: flex; align-items: center; justify-content: center; z-index: 20; }
.bs-ws-dialog { background: #fbfbfa; border-radius: 6px; box-shadow: 0 10px 40px rgb(0 0 0 / 0.35); width: min(560px, 90vw); max-height: 80vh; overflow: auto; padding: 12px 8px; }
.bs-ws-dialog h2 { font-size: 14px; margin: 0 8px 6px; }
.bs-ws-dialog h3 { font-size: 12px; margin: 8px 8px 2px; }
.bs-ws-dialog p { margin: 4px 8px; }
.bs-ws-findings { margin: 2px 8px 6px; padding-left: 18px; max-height: 200px; overflow: auto; }
.bs-ws-finding-error { color: #b3261e; }
.bs-ws-progress { margin: 6px 8px; display: flex; align-items: center; gap: 8px; }
.bs-ws-progress progress { flex: 1; }
.bs-ws-dialog-actions { justify-content: flex-end; margin: 10px 8px 0; }
.bs-ws-options { margin: 6px 8px; padding: 4px 8px 6px; border: 1px solid #e1ddd3; border-radius: 4px; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
.bs-ws-options legend { font-size: 12px; font-weight: 600; padding: 0 4px; }
.bs-ws-options .bs-ws-field { flex-basis: 100%; }
.bs-ws-options input[type=text], .bs-ws-options input[type=number] { font: inherit; }
.bs-ws-preflight { position: absolute; right: 346px; top: 56px; z-index: 12; width: 360px; max-height: 60vh; display: flex; flex-direction: column;
  background: #fbfbfa; border: 1px solid #cfcfca; border-radius: 6px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.22); padding: 6px 4px 8px; font-size: 12px; }
.bs-ws-preflight header { display: flex; align-items: baseline; gap: 8px; margin: 0 8px 4px; }
.bs-ws-preflight h2 { font-size: 13px; margin: 0; }
.bs-ws-preflight-bad { color: #b3261e; font-weight: 600; }
.bs-ws-preflight-good { color: #2e7d32; }
.bs-ws-preflight-close { margin-left: auto; font: inherit; font-size: 16px; line-height: 1; border: 0; background: none; cursor: pointer; }
.bs-ws-preflight-list { max-height: none; flex: 1; overflow: auto; list-style: none; padding-left: 0; }
.bs-ws-preflight-list button { font: inherit; color: inherit; text-align: left; width: 100%; padding: 3px 6px; border: 0; border-radius: 3px; background: none; cursor: pointer; }
.bs-ws-preflight-list button:hover:not(:disabled) { background: #e6ecf7; }
.bs-ws-files { margin: 2px 8px 6px; padding-left: 18px; max-height: 160px; overflow: auto; }
.bs-ws-files li { display: flex; justify-content: space-between; gap: 8px; margin: 2px 0; }
.bs-ws-copy { width: min(720px, 92vw); }
.bs-ws-copy details { margin: 2px 8px; }
.bs-ws-copy summary { cursor: pointer; }
.bs-ws-import-stories { margin: 2px 8px 6px; padding-left: 22px; max-height: 240px; overflow: auto; }
.bs-ws-import-stories li { margin: 2px 0; }
.bs-ws-part { margin-right: 10px; }
.bs-ws-part b { font-weight: 600; color: #55554f; margin-right: 2px; }
.bs-ws-tag { background: #e6ecf7; color: #2b4f8f; padding: 0 4px; border-radius: 2px; margin-right: 6px; }
.bs-ws-changes { margin: 2px 0 4px; padding-left: 18px; max-height: 160px; overflow: auto; }
.bs-ws-where { color: #77776f; }
.bs-ws-detail { color: #66665f; font-size: 11px; }
.bs-ws-side.has-links { grid-template-rows: minmax(0, 1fr) minmax(0, 0.8fr) minmax(0, 1.1fr); }
.bs-ws-links { border-top: 1px solid #cfcfca; }
.bs-ws-side.has-styles { grid-template-rows: minmax(0, 1fr) minmax(0, 1.25fr) minmax(0, 0.55fr); }
.bs-ws-side.has-styles.has-links { grid-template-rows: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 0.6fr) minmax(0, 0.8fr); }
.bs-ws-styles { border-top: 1px solid #cfcfca; }
.bs-ws-styles-head { font-size: 11px; font-weight: 600; color: #555; margin: 6px 8px 2px; }
.bs-ws-style-list { list-style: none; margin: 0 4px; padding: 0; outline: none; }
.bs-ws-style-list:focus-visible { box-shadow: 0 0 0 2px #7aa7e8 inset; }
.bs-ws-style { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: baseline; gap: 0 6px; padding: 3px 6px; border-radius: 3px; cursor: pointer; border: 1px solid transparent; }
.bs-ws-style:hover { background: #ecece8; }
.bs-ws-style.is-current { background: #dbe7fa; border-color: #7aa7e8; }
.bs-ws-style.is-active { border-color: #3d6fc4; }
.bs-ws-style.is-off { cursor: default; color: #888; }
.bs-ws-style.is-off .bs-ws-style-sample { opacity: 0.55; }
.bs-ws-style-sample { line-height: 1.25; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bs-ws-style-info { grid-column: 1 / -1; font-size: 11px; color: #555; }
.bs-ws-style-count { font-size: 11px; color: #3d6fc4; text-align: right; white-space: nowrap; }
.bs-ws-char-styles { margin: 0 8px 8px; gap: 4px; }
.bs-ws-char-styles button.is-on { background: #dbe7fa; border-color: #7aa7e8; }
.bs-ws-links-table tr.is-placed { cursor: pointer; }
.bs-ws-links-table tr.is-broken td { background: #fbe1df; color: #b3261e; }
.bs-ws-link-file { max-width: 110px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 500; }
.bs-ws-link-where { white-space: nowrap; }
.bs-ws-link-status { display: inline-block; padding: 0 4px; border-radius: 2px; white-space: nowrap; background: #ececea; color: #55554f; }
.bs-ws-link-ok { background: #e2f1e4; color: #23692f; }
.bs-ws-link-modified, .bs-ws-link-unverified, .bs-ws-link-outside-accepted { background: #fff1d6; color: #8a5a00; }
.bs-ws-link-missing, .bs-ws-link-unreadable, .bs-ws-link-outside, .bs-ws-link-invalid-path { background: #d7261e; color: #fff; font-weight: 600; }
.bs-ws-link-real { word-break: break-all; max-width: 120px; font-size: 10.5px; }
.bs-ws-link-actions { display: flex; flex-wrap: wrap; gap: 2px; margin-top: 2px; }
.bs-ws-link-actions button { padding: 0 4px; font-size: 11px; white-space: nowrap; }
.bs-ws-thumb-links { color: #fff; background: #d7261e; border-radius: 2px; padding: 0 3px; font-size: 10px; font-weight: 700; }
.bs-ws-stories:focus-visible { outline: 2px solid #2b6cd1; outline-offset: -2px; }
.bs-ws-caption-editor { position: absolute; margin: 0; padding: 0; border: 0; box-sizing: content-box; resize: none; overflow: hidden; background: #fff; color: #000; outline: 1.5px solid #1e6fd9; outline-offset: 1px; white-space: pre-wrap; word-break: break-all; text-spacing-trim: space-all; font-kerning: none; text-autospace: no-autospace; z-index: 7; }
.bs-ws-photo-broken { margin: 3px 8px; }
.bs-ws-photo-broken > .bs-ws-kv { margin: 0 0 4px; }
`;

/** Installs the workspace's style sheet into a document once. */
export function installWorkspaceCss(doc: Document): void {
  installStyleSheet(doc, 'bs-workspace-css', CSS);
}
