import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../browser/static";
import { a11yChecks } from "./a11y";
import { finish } from "./checks";
import { deepLinkChecks, layoutShiftCheck, presentChecks } from "./present";

const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const url = "http://127.0.0.1:5281";
const which = process.argv[2] ?? "present,deep,cls,a11y";
if (which.includes("present")) await presentChecks(b, url, "/tmp/shots");
if (which.includes("deep")) await deepLinkChecks(b, url, "/tmp/shots");
if (which.includes("cls")) await layoutShiftCheck(b, url);
if (which.includes("a11y")) await a11yChecks(b, url);
await b.close();
finish();
