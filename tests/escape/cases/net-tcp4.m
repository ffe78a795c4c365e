// id: net-tcp4-objc
// category: network
// tries: Objective-C: connect to a TCP listener the runner owns on 127.0.0.1 and send data (a BSD socket wrapped in NSFileHandle, 3 s timeout)
// expect: blocked
// layers: netns landlock seccomp
// needs: listener
#import <Foundation/Foundation.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

int main(int argc, char **argv)
{
	NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
	{
		NSMutableDictionary *a = [NSMutableDictionary dictionary];

		for (int i = 1; i < argc; i++) {
			NSString *s = [NSString stringWithUTF8String:argv[i]];
			NSRange eq = [s rangeOfString:@"="];

			if (eq.location != NSNotFound && eq.location > 0)
				[a setObject:[s substringFromIndex:eq.location + 1]
				      forKey:[s substringToIndex:eq.location]];
		}
		NSString *port = [a objectForKey:@"tcp4"];
		if ([port length] == 0) {
			printf("LANGJAIL-SETUP-ERROR: no tcp4= argument\n");
			return 1;
		}
		NSData *payload = [[NSString stringWithFormat:@"ljx net-tcp4-objc %@\n", [a objectForKey:@"run"] ?: @""]
			dataUsingEncoding:NSUTF8StringEncoding];

		/* GNUstep's stream classes want a run loop; a plain socket is
		 * what a program would use, NSFileHandle sends the data */
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			printf("LANGJAIL-BLOCKED: socket(): %s\n", strerror(errno));
			return 0;
		}
		/* never hang: on Linux SO_SNDTIMEO also bounds connect() */
		struct timeval tv = { .tv_sec = 3 };
		(void) setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		struct sockaddr_in sin = { .sin_family = AF_INET };
		sin.sin_port = htons((unsigned short) [port intValue]);
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (connect(fd, (struct sockaddr *) &sin, sizeof(sin)) < 0) {
			printf("LANGJAIL-BLOCKED: connect 127.0.0.1:%s: %s\n", [port UTF8String], strerror(errno));
			return 0;
		}
		NSFileHandle *h = [[NSFileHandle alloc] initWithFileDescriptor:fd closeOnDealloc:YES];
		@try {
			[h writeData:payload];
			printf("LANGJAIL-ESCAPED: connected to 127.0.0.1:%s and sent %lu bytes\n",
			       [port UTF8String], (unsigned long) [payload length]);
		} @catch (NSException *e) {
			printf("LANGJAIL-BLOCKED: send to 127.0.0.1:%s: %s\n", [port UTF8String],
			       [[e reason] UTF8String]);
		}
	}
	[pool drain];
	return 0;
}
