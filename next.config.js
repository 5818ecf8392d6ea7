/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly database drivers stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
};

export default nextConfig;
