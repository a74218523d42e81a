// `npm run emulator`: the platform emulator on EMULATOR_PORT (default 4400). Point the app at it
// with PROVIDER_SANDBOX_URL=http://127.0.0.1:4400 (or start the app with SANDBOX=1, which does both).
import { startEmulator } from "@/emulator/server";

const emu = await startEmulator({ port: Number(process.env.EMULATOR_PORT || 4400) });
console.log(`[emulator] ${emu.platforms.map((p) => p.id).join(", ")} on ${emu.url}`);
const stop = () => void emu.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
