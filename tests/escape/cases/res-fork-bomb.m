// id: res-fork-bomb-objc
// category: resources
// tries: Objective-C: fork bomb: every process forks forever (fork(2), with the GNUstep runtime loaded); the run must end and the host stay usable
// expect: contained
// layers: cgroup rlimits
// destructive: yes
// args: --procs 32 --wall 10
#import <Foundation/Foundation.h>
#include <unistd.h>

int main(void)
{
	NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
	{
		NSLog(@"%@ forks", [[NSProcessInfo processInfo] processName]);
	}
	[pool drain];
	for (;;) {
		if (fork() < 0)
			usleep(10000);
	}
}
