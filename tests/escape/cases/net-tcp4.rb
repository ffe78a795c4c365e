# id: net-tcp4-rb
# category: network
# tries: Ruby: connect to a TCP listener the runner owns on 127.0.0.1 and send data (Socket.tcp)
# expect: blocked
# layers: netns landlock seccomp
# needs: listener
require "socket"

A = ARGV.select { |a| a.include?("=") }.to_h { |a| a.split("=", 2) }
unless A["tcp4"]
  puts "LANGJAIL-SETUP-ERROR: no tcp4= argument"
  exit 1
end
payload = "ljx net-tcp4-rb #{A['run']}\n"
begin
  Socket.tcp("127.0.0.1", A["tcp4"].to_i, connect_timeout: 3) do |s|
    n = s.write(payload)
    puts "LANGJAIL-ESCAPED: connected to 127.0.0.1:#{A['tcp4']} and sent #{n} bytes"
  end
rescue SystemCallError, IOError, SocketError => e
  puts "LANGJAIL-BLOCKED: connect 127.0.0.1:#{A['tcp4']}: #{e.message}"
end
