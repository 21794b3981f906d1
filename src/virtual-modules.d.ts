declare module 'virtual:bundled/*' {
	export const meta: { origin: string; sha256: string; bytes: number; retrievedAt: string };
	export const text: string;
}
