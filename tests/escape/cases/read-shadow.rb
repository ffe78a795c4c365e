# id: read-shadow-rb
# category: read
# tries: Ruby: read /etc/shadow and /etc/gshadow (password hashes) with File.binread
# expect: blocked
# layers: landlock mac uid
hits = 0
notes = []
%w[/etc/shadow /etc/gshadow /etc/shadow- /etc/gshadow-].each do |path|
  data = File.binread(path)
  # never print the hashes themselves: the length is proof enough
  hits += 1
  puts "LANGJAIL-ESCAPED: read #{data.bytesize} bytes of #{path}"
rescue SystemCallError => e
  notes << "#{path}: #{e.message}"
end
puts "LANGJAIL-BLOCKED: #{notes.join('; ')}" if hits.zero?
