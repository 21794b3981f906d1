/** App-wide status shown in the header. */
class AppStatus {
	dataReady = $state(false);
	busy = $state(false);
	error = $state<string | null>(null);
}

export const appStatus = new AppStatus();
