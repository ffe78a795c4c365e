# id: proc-kill-victim-rb
# category: process
# tries: Ruby: SIGTERM and SIGKILL two processes outside the jail (Process.kill): one of the caller, one running as the jail's own uid
# expect: blocked
# layers: pidns landlock
# needs: victim
A = ARGV.select { |a| a.include?("=") }.to_h { |a| a.split("=", 2) }
targets = %w[victim victim65534].select { |k| A[k].to_s.match?(/\A[0-9]+\z/) }
if targets.empty?
  puts "LANGJAIL-SETUP-ERROR: no victim pids given"
  exit 1
end
hits = 0
notes = []
targets.each do |key|
  pid = A[key].to_i
  next if pid == Process.pid

  %i[TERM KILL].each do |sig|
    Process.kill(sig, pid)
    hits += 1
    puts "LANGJAIL-ESCAPED: sent SIG#{sig} to #{key} (pid #{pid})"
  rescue SystemCallError => e
    notes << "#{key} SIG#{sig}: #{e.message}"
  end
end
puts "LANGJAIL-BLOCKED: #{notes.join('; ')}" if hits.zero?
