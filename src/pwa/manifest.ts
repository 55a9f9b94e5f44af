// The web app manifest (what "Install" puts on a laptop's or phone's home screen). Icons are made
// by scripts/make-icons.ts into public/icons/.
export const MANIFEST = {
  name: "DDIM Lab",
  short_name: "DDIM Lab",
  description: "Train a tiny diffusion model in your browser and compare DDIM, DDPM and ODE samplers.",
  start_url: "./",
  scope: "./",
  display: "standalone" as const,
  background_color: "#ffffff",
  theme_color: "#1f2937",
  icons: [
    { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
    { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
    { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" as const },
    { src: "icons/icon.svg", sizes: "any", type: "image/svg+xml" },
  ],
};
