// The usage text, written from the flag tables (cli/flags.ts) so it cannot drift from them.
import { samplerUsageLines } from "../src/core/samplers/registry";
import { COMMAND_INFO } from "./flags";

export function usageText(): string {
  const lines = ["usage: cli <command> [flags]   (flags: --name value or --name=value)", "commands:"];
  for (const [name, info] of COMMAND_INFO) lines.push(`  ${name.padEnd(8)} ${info.summary}`);
  for (const [name, info] of COMMAND_INFO) {
    lines.push(`${name} flags:`);
    for (const [flag, spec] of Object.entries(info.flags)) {
      lines.push(`  --${flag} ${spec.arg}`.padEnd(44) + spec.help);
    }
  }
  lines.push("samplers:");
  for (const line of samplerUsageLines()) lines.push(`  ${line}`);
  return lines.join("\n");
}
