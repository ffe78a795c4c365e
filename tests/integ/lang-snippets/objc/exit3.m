#import <objc/Object.h>

int main(void)
{
	return 3;
}
