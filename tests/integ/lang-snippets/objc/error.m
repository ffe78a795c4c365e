/* A runtime error the program reports: a message no class answers. */
#import <objc/Object.h>
#import <objc/runtime.h>
#include <stdio.h>

int main(void)
{
	if (!class_respondsToSelector([Object class], @selector(noSuchMethod))) {
		fprintf(stderr, "error: Object does not respond to noSuchMethod\n");
		return 1;
	}
	return 0;
}
