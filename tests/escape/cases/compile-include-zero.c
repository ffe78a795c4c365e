// id: compile-include-zero
// category: resources
// tries: C: #include "/dev/zero": the preprocessor reads an endless file; the compile limits must end it, not hang
// expect: contained
// layers: cgroup rlimits supervisor
// destructive: yes
// args: --wall 20
#include "/dev/zero"

int main(void)
{
	return 0;
}
