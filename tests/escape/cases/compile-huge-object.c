// id: compile-huge-object
// category: resources
// tries: C: a 1 GiB initialised array: the assembler writes a 1 GiB object file into the workdir; the compile's file-size limit (or the workdir's size) must end it
// expect: status: compile_error
// layers: rlimits mountns
// destructive: yes
// args: --wall 20
// note: with the file-size limit (64M) the assembler dies of SIGXFSZ; without
// note: it, the workdir fills ("No space left on device"). The JSON's
// note: compile.limit stays null: the limit killed as(1), not the gcc driver.
char big[1 << 30] = { 1 };

int main(void)
{
	return big[0] - 1;
}
