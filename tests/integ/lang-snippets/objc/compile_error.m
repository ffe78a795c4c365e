#import <objc/Object.h>

int main(void)
{
	return undeclared_name;
}
