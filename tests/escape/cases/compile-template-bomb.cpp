// id: compile-template-bomb
// category: resources
// tries: C++: a template instantiated for every (a, b, c) below 290 (24 million instantiations, within the default depth limit); the compile limits must end it
// expect: contained
// layers: cgroup rlimits supervisor
// destructive: yes
// args: --wall 20
template <int A, int B, int C>
struct Bomb {
	static const unsigned long value =
		Bomb<A - 1, B, C>::value + Bomb<A, B - 1, C>::value + Bomb<A, B, C - 1>::value;
};

template <int B, int C>
struct Bomb<0, B, C> {
	static const unsigned long value = 1;
};

template <int A, int C>
struct Bomb<A, 0, C> {
	static const unsigned long value = 1;
};

template <int A, int B>
struct Bomb<A, B, 0> {
	static const unsigned long value = 1;
};

template <int A>
struct Bomb<A, 0, 0> {
	static const unsigned long value = 1;
};

template <int B>
struct Bomb<0, B, 0> {
	static const unsigned long value = 1;
};

template <int C>
struct Bomb<0, 0, C> {
	static const unsigned long value = 1;
};

template <>
struct Bomb<0, 0, 0> {
	static const unsigned long value = 1;
};

int main()
{
	return Bomb<290, 290, 290>::value == 0;
}
