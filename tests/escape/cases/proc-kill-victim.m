// id: proc-kill-victim-objc
// category: process
// tries: Objective-C: SIGTERM and SIGKILL two processes outside the jail (kill(2)): one of the caller, one running as the jail's own uid
// expect: blocked
// layers: pidns landlock
// needs: victim
#import <Foundation/Foundation.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
	{
		NSMutableDictionary *a = [NSMutableDictionary dictionary];
		NSCharacterSet *nondigit = [[NSCharacterSet decimalDigitCharacterSet] invertedSet];
		NSMutableArray *notes = [NSMutableArray array];
		int hits = 0, targets = 0;

		for (int i = 1; i < argc; i++) {
			NSString *s = [NSString stringWithUTF8String:argv[i]];
			NSRange eq = [s rangeOfString:@"="];

			if (eq.location != NSNotFound && eq.location > 0)
				[a setObject:[s substringFromIndex:eq.location + 1]
				      forKey:[s substringToIndex:eq.location]];
		}
		for (NSString *key in [NSArray arrayWithObjects:@"victim", @"victim65534", nil]) {
			NSString *v = [a objectForKey:key];

			if ([v length] == 0 || [v rangeOfCharacterFromSet:nondigit].location != NSNotFound)
				continue;
			targets++;
			pid_t pid = (pid_t) [v intValue];
			if (pid == getpid())
				continue;
			const int sigs[] = { SIGTERM, SIGKILL };
			NSArray *names = [NSArray arrayWithObjects:@"SIGTERM", @"SIGKILL", nil];
			for (int s = 0; s < 2; s++) {
				if (kill(pid, sigs[s]) == 0) {
					hits++;
					printf("LANGJAIL-ESCAPED: sent %s to %s (pid %d)\n", [[names objectAtIndex:s] UTF8String],
					       [key UTF8String], (int) pid);
				} else {
					[notes addObject:[NSString stringWithFormat:@"%@ %@: %s", key, [names objectAtIndex:s],
							  strerror(errno)]];
				}
			}
		}
		if (targets == 0) {
			printf("LANGJAIL-SETUP-ERROR: no victim pids given\n");
			return 1;
		}
		if (hits == 0)
			printf("LANGJAIL-BLOCKED: %s\n", [[notes componentsJoinedByString:@"; "] UTF8String]);
	}
	[pool drain];
	return 0;
}
