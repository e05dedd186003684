package io.starling.loadtest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The socket implementation: native epoll where it loads (Linux x86_64), NIO otherwise. */
record Transport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends SocketChannel> channelClass) {

    /** {@code wanted}: "auto" (epoll if available), "epoll" or "nio". */
    static Transport choose(String wanted) {
        switch (wanted) {
            case "auto":
                return Epoll.isAvailable() ? epoll() : nio();
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("native epoll is not available: " + Epoll.unavailabilityCause());
                }
                return epoll();
            case "nio":
                return nio();
            default:
                throw new IllegalArgumentException("unknown transport '" + wanted + "' (auto, epoll, nio)");
        }
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
    }

    private static Transport epoll() {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class);
    }

    private static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioSocketChannel.class);
    }
}
