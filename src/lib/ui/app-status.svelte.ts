/** App-wide status shown in the header. */
class AppStatus {
	dataReady = $state(false);
	role = $state<'leader' | 'follower' | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
}

export const appStatus = new AppStatus();
