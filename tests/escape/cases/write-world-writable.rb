# id: write-world-writable-rb
# category: write
# tries: Ruby: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp
# expect: blocked
# layers: landlock mac
# needs: canary
A = ARGV.select { |a| a.include?("=") }.to_h { |a| a.split("=", 2) }
unless A["wwdir"]
  puts "LANGJAIL-SETUP-ERROR: no wwdir= argument"
  exit 1
end
base = "#{A['wwdir']}/ljx-#{A['run'] || 'x'}"
hits = 0
notes = []
{
  "created a file" => -> { File.open(base, File::WRONLY | File::CREAT | File::EXCL) { |f| f.write("ljx\n") } },
  "created a directory" => -> { Dir.mkdir("#{base}-dir") },
  "created a symlink" => -> { File.symlink("/etc/passwd", "#{base}-link") },
}.each do |what, f|
  f.call
  hits += 1
  puts "LANGJAIL-ESCAPED: #{what} in #{A['wwdir']}"
rescue SystemCallError => e
  notes << "#{what}: #{e.message}"
end
puts "LANGJAIL-BLOCKED: #{A['wwdir']} is not writable from the jail (#{notes.join('; ')})" if hits.zero?
