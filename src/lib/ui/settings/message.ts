/** The settings page's one outcome line, shared by its panels. */
export interface SettingsMessage {
	readonly kind: 'good' | 'bad';
	readonly text: string;
}
