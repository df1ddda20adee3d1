/**
 * Node-RED for the benchmark: the flow in flows.json, no editor and no admin API, no projects, no
 * credentials, on loopback. bench/lib/node-red.ts starts it with NODE_RED_PORT and a throwaway userDir.
 */
module.exports = {
  uiHost: '127.0.0.1',
  uiPort: Number(process.env.NODE_RED_PORT || 1880),
  flowFile: require('path').join(__dirname, 'flows.json'),
  flowFilePretty: false,
  readOnly: true,
  httpAdminRoot: false,
  disableEditor: true,
  credentialSecret: false,
  editorTheme: { projects: { enabled: false } },
  diagnostics: { enabled: false },
  runtimeState: { enabled: false },
  telemetry: { enabled: false },
  externalModules: { autoInstall: false },
  logging: { console: { level: 'warn', metrics: false, audit: false } },
  functionExternalModules: false,
};
