// The names a TypeScript module exports, values and types alike, as the
// compiler sees them (re-exports and `export type *` followed).
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export function exportedNames(file: URL): string[] {
  const path = fileURLToPath(file);
  const program = ts.createProgram([path], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path);
  const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (symbol === undefined) throw new Error(`${path} is not a module`);
  return checker.getExportsOfModule(symbol).map((s) => s.name).sort();
}
