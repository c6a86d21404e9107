// VS Code client for the emaillint language server.
//
// The server itself is the Python command `emaillint lsp` (installed with
// `pip install '.[lsp]'` in a clone of emaillint); it speaks LSP over stdio. This extension
// only starts it, tells it which documents to lint, and offers a restart
// command. Diagnostics, hovers and code actions all come from the server.

import * as vscode from "vscode";
import {
  DocumentFilter,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

/** The sub-command that starts the stdio language server. */
export const LSP_ARGS: readonly string[] = ["lsp"];

/** Default executable, looked up on PATH. */
export const DEFAULT_EXECUTABLE = "emaillint";

/** Language ids this extension lints (email and jinja are contributed in package.json). */
export const LANGUAGE_IDS: readonly string[] = ["plaintext", "markdown", "email", "jinja"];

/**
 * File patterns that are linted whatever language id another extension gave
 * them (e.g. a Jinja extension that calls `*.md.j2` "jinja-md").
 */
export const FILE_PATTERNS: readonly string[] = ["**/*.eml", "**/*.{j2,jinja}"];

const SCHEMES: readonly string[] = ["file", "untitled"];

let client: LanguageClient | undefined;
let outputChannel: vscode.OutputChannel | undefined;

export function documentSelector(): DocumentFilter[] {
  const selector: DocumentFilter[] = [];
  for (const scheme of SCHEMES) {
    for (const language of LANGUAGE_IDS) {
      selector.push({ scheme, language });
    }
  }
  // Untitled documents have no path, so patterns only make sense for files.
  for (const pattern of FILE_PATTERNS) {
    selector.push({ scheme: "file", pattern });
  }
  return selector;
}

function firstWorkspaceFolder(): string | undefined {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length > 0 ? folders[0].uri.fsPath : undefined;
}

function expandVariables(value: string): string {
  const folder = firstWorkspaceFolder();
  return folder === undefined ? value : value.split("${workspaceFolder}").join(folder);
}

/** Reads emaillint.path / emaillint.args and builds the server command line. */
export function serverExecutable(): Executable {
  const config = vscode.workspace.getConfiguration("emaillint");
  const configuredPath = config.get<string>("path", DEFAULT_EXECUTABLE).trim();
  const command = expandVariables(configuredPath === "" ? DEFAULT_EXECUTABLE : configuredPath);
  const extraArgs = config
    .get<unknown[]>("args", [])
    .filter((arg): arg is string => typeof arg === "string")
    .map(expandVariables);
  return {
    command,
    args: [...LSP_ARGS, ...extraArgs],
    transport: TransportKind.stdio,
    options: { cwd: firstWorkspaceFolder() },
  };
}

function createClient(): LanguageClient {
  const executable = serverExecutable();
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  if (outputChannel === undefined) {
    outputChannel = vscode.window.createOutputChannel("emaillint");
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel,
    traceOutputChannel: outputChannel,
  };
  return new LanguageClient("emaillint", "emaillint", serverOptions, clientOptions);
}

async function startClient(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const command = serverExecutable().command;
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `emaillint: could not start "${command} ${LSP_ARGS.join(" ")}" (${message}). ` +
        "Install the server with pip install '.[lsp]' in a clone of emaillint, or set emaillint.path.",
    );
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch {
      // A server that never started (or already died) cannot be stopped; ignore.
    }
  }
}

/** Stops the server and starts it again with the current settings. */
export async function restartServer(): Promise<void> {
  await stopClient();
  await startClient();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("emaillint.restartServer", restartServer),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("emaillint.path") || event.affectsConfiguration("emaillint.args")) {
        void restartServer();
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
  outputChannel?.dispose();
  outputChannel = undefined;
}
