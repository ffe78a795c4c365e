// id: read-shadow-objc
// category: read
// tries: Objective-C: read /etc/shadow and /etc/gshadow (password hashes) with +[NSData dataWithContentsOfFile:]
// expect: blocked
// layers: landlock mac uid
#import <Foundation/Foundation.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
	{
		NSMutableArray *notes = [NSMutableArray array];
		int hits = 0;

		for (NSString *path in [NSArray arrayWithObjects:@"/etc/shadow", @"/etc/gshadow", @"/etc/shadow-",
					  @"/etc/gshadow-", nil]) {
			NSData *data;

			errno = 0;
			data = [NSData dataWithContentsOfFile:path];

			if (data) {
				/* never print the hashes themselves: the length is proof enough */
				hits++;
				printf("LANGJAIL-ESCAPED: read %lu bytes of %s\n",
				       (unsigned long) [data length], [path UTF8String]);
			} else {
				/* GNUstep returns nil and leaves open(2)'s errno */
				[notes addObject:[NSString stringWithFormat:@"%@: %s", path,
						  strerror(errno)]];
			}
		}
		if (hits == 0)
			printf("LANGJAIL-BLOCKED: %s\n", [[notes componentsJoinedByString:@"; "] UTF8String]);
	}
	[pool drain];
	return 0;
}
