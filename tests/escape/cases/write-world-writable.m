// id: write-world-writable-objc
// category: write
// tries: Objective-C: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp (NSFileManager)
// expect: blocked
// layers: landlock mac
// needs: canary
#import <Foundation/Foundation.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static NSDictionary *args(int argc, char **argv)
{
	NSMutableDictionary *a = [NSMutableDictionary dictionary];

	for (int i = 1; i < argc; i++) {
		NSString *s = [NSString stringWithUTF8String:argv[i]];
		NSRange eq = [s rangeOfString:@"="];

		if (eq.location != NSNotFound && eq.location > 0)
			[a setObject:[s substringFromIndex:eq.location + 1]
				      forKey:[s substringToIndex:eq.location]];
	}
	return a;
}

int main(int argc, char **argv)
{
	NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
	{
		NSDictionary *a = args(argc, argv);
		NSString *ww = [a objectForKey:@"wwdir"];
		NSFileManager *fm = [NSFileManager defaultManager];
		NSMutableArray *notes = [NSMutableArray array];
		int hits = 0;

		if ([ww length] == 0) {
			printf("LANGJAIL-SETUP-ERROR: no wwdir= argument\n");
			return 1;
		}
		NSString *base = [NSString stringWithFormat:@"%@/ljx-%@", ww, [a objectForKey:@"run"] ?: @"x"];
		NSArray *what = [NSArray arrayWithObjects:@"created a file", @"created a directory", @"created a symlink", nil];
		for (NSUInteger i = 0; i < [what count]; i++) {
			NSError *err = nil;
			BOOL ok;

			errno = 0;
			switch (i) {
			case 0:
				if ([fm fileExistsAtPath:base])
					ok = NO;
				else
					ok = [fm createFileAtPath:base
						contents:[@"ljx\n" dataUsingEncoding:NSUTF8StringEncoding]
						attributes:nil];
				break;
			case 1:
				ok = [fm createDirectoryAtPath:[base stringByAppendingString:@"-dir"]
				   withIntermediateDirectories:NO
						    attributes:nil
							 error:&err];
				break;
			default:
				ok = [fm createSymbolicLinkAtPath:[base stringByAppendingString:@"-link"]
					      withDestinationPath:@"/etc/passwd"
							    error:&err];
				break;
			}
			if (ok) {
				hits++;
				printf("LANGJAIL-ESCAPED: %s in %s\n", [[what objectAtIndex:i] UTF8String], [ww UTF8String]);
			} else {
				[notes addObject:[NSString stringWithFormat:@"%@: %@", [what objectAtIndex:i],
						  err ? [err localizedDescription]
						      : [NSString stringWithUTF8String:strerror(errno)]]];
			}
		}
		if (hits == 0)
			printf("LANGJAIL-BLOCKED: %s is not writable from the jail (%s)\n", [ww UTF8String],
			       [[notes componentsJoinedByString:@"; "] UTF8String]);
	}
	[pool drain];
	return 0;
}
